<?php
/**
 * Deleting the plugin deletes its settings (on every site of a network).
 *
 * @package InfusionCheck
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

delete_option( 'infusion_check_settings' );

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $infusion_check_site ) {
		switch_to_blog( $infusion_check_site );
		delete_option( 'infusion_check_settings' );
		restore_current_blog();
	}
}
